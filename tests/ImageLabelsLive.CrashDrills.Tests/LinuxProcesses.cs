using System.Globalization;

namespace ImageLabelsLive.CrashDrills.Tests;

/// <summary>Processes as /proc describes them (Linux): pid, parent pid, and whether each has exited.</summary>
public static class LinuxProcesses
{
    public static IEnumerable<(int Pid, int ParentPid)> All()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                yield return (pid, stat.ParentPid);
            }
        }
    }

    /// <summary>Gone, or a zombie its new parent has not reaped yet: it has exited either way.</summary>
    public static bool HasExited(int pid) => Stat(pid) is not { } stat || stat.State == 'Z';

    /// <summary>Fields 3 and 4 of /proc/PID/stat, read after the command name, which may hold spaces and parentheses.</summary>
    private static (char State, int ParentPid)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
