using ImageLabelsLive.Functions.Catalog;

namespace ImageLabelsLive.Functions.Tests.Catalog;

public class FunctionCatalogTests
{
    /// <summary>The folders of ImageLabelsLive.Functions that are not a function.</summary>
    private static readonly string[] SupportFolders = ["bin", "obj", "Catalog", "Hosting"];

    [Fact]
    public void All_FunctionFolders_EachHaveExactlyOneEntry()
    {
        var folders = Directory.GetDirectories(Path.Combine(SharedData.RepositoryRoot, "functions", "ImageLabelsLive.Functions"))
            .Select(folder => Path.GetFileName(folder))
            .Where(folder => !SupportFolders.Contains(folder, StringComparer.Ordinal))
            .ToArray();

        FunctionCatalog.All.Select(function => function.Name).ShouldBe(folders, ignoreOrder: true);
    }

    [Fact]
    public void All_FunctionTypes_EachHaveOneEntryNamedAfterItsNamespace()
    {
        var types = typeof(FunctionCatalog).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(ILambdaFunction).IsAssignableFrom(type))
            .ToArray();

        types.Select(type => type.Namespace!.Split('.')[^1] + "Function").ShouldBe(types.Select(type => type.Name));
        types.Select(type => type.Name[..^"Function".Length]).ShouldBe(FunctionCatalog.All.Select(function => function.Name), ignoreOrder: true);
    }

    [Fact]
    public void All_Names_AreUnique()
    {
        FunctionCatalog.All.Select(function => function.Name).ShouldBeUnique();
    }

    [Fact]
    public void All_HttpRoutesAndWebSocketRoutes_AreUnique()
    {
        FunctionCatalog.TriggeredBy<HttpRoute>().Select(entry => entry.Trigger.RouteKey).ShouldBeUnique();
        FunctionCatalog.TriggeredBy<WebSocketRoute>().Select(entry => entry.Trigger.RouteKey).ShouldBeUnique();
    }

    [Fact]
    public void All_Handlers_NameAnILambdaFunctionWithAParameterlessConstructorAndItsStreamEntryPoint()
    {
        foreach (var function in FunctionCatalog.All)
        {
            var parts = function.Handler.Split("::");
            parts.Length.ShouldBe(3, function.Handler);
            parts[0].ShouldBe(typeof(FunctionCatalog).Assembly.GetName().Name, function.Handler);
            var type = typeof(FunctionCatalog).Assembly.GetType(parts[1]).ShouldNotBeNull(function.Handler);
            typeof(ILambdaFunction).IsAssignableFrom(type).ShouldBeTrue(function.Handler);
            type.GetConstructor(Type.EmptyTypes).ShouldNotBeNull(function.Handler);
            type.GetMethod(parts[2], [typeof(Stream)]).ShouldNotBeNull(function.Handler).ReturnType.ShouldBe(typeof(Task<Stream>));
        }
    }

    [Fact]
    public void Named_UnknownName_ThrowsListingTheNamesThereAre()
    {
        FunctionCatalog.Named("IndexFeed").ShouldBeSameAs(FunctionCatalog.IndexFeed);

        var error = Should.Throw<ArgumentException>(() => FunctionCatalog.Named("IndexFeeds"));

        error.Message.ShouldContain("IndexFeeds");
        error.Message.ShouldContain("SweepStaleImages");
    }
}
