using ImageLabelsLive.LocalHost.Hosting;

return await LocalHostProgram.RunAsync(args).ConfigureAwait(false);
