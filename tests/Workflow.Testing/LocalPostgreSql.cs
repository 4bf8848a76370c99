using System.Diagnostics;
using Npgsql;

namespace Workflow.Testing;

/// <summary>
/// A PostgreSQL server for the tests: the one named by <c>WORKFLOW_TEST_POSTGRES</c> (a connection string whose user may
/// create databases), else a private throw-away server started from the installed binaries
/// (<c>/usr/lib/postgresql/*/bin</c>) in a temp folder, listening on a Unix socket only, stopped when the test process ends.
/// </summary>
public static class LocalPostgreSql
{
    private const string EnvironmentVariable = "WORKFLOW_TEST_POSTGRES";
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Cheap check used at discovery time; starting happens on first use.</summary>
    public static bool MayBeAvailable => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } || FindBinaries() is not null;

    /// <summary>The server's connection string (database <c>postgres</c>); throws with the reason when it cannot start.</summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>Creates a database of its own on the server and returns its connection string (the caller drops it or leaves it to the throw-away server).</summary>
    public static string CreateDatabase(string prefix = "wf_")
    {
        var name = prefix + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name};";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
    }

    /// <summary>Test providers: SQLite always; PostgreSQL when a server can be had, and always under CI (where it must run).</summary>
    public static IEnumerable<object[]> Providers()
    {
        yield return ["sqlite"];
        if (MayBeAvailable || OutsidePart.IsCi) yield return ["postgresql"];
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL binaries are not installed.");
        RemoveStaleServers();
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres", folder], asRoot: false);
        }

        var data = Path.Combine(folder, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", $"-p 5432 -k {folder} -c listen_addresses='' -c fsync=off -c max_connections=500", "-l", Path.Combine(folder, "log"), "-w", "start"], asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // The test host may be ended soon after this handler starts, so the stop and the removal run in a shell
            // of their own that outlives it.
            var stop = $"{(asRoot ? "runuser -u postgres -- " : "")}'{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate stop >/dev/null 2>&1; rm -rf '{folder}'";
            var cleanup = new ProcessStartInfo("sh") { UseShellExecute = false };
            cleanup.ArgumentList.Add("-c");
            cleanup.ArgumentList.Add(stop);
            try
            {
                using var process = Process.Start(cleanup);
                process?.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Nothing more can be done at exit; the next run removes a stopped server's folder.
            }
        };
        return new NpgsqlConnectionStringBuilder { Host = folder, Port = 5432, Username = "postgres", Database = "postgres" }.ToString();
    }

    private const string FolderPrefix = "wf-pg-test-";

    /// <summary>
    /// The test host may end before the exit handler has deleted the folder; a stopped server (no postmaster.pid)
    /// left from an earlier run is removed here. Young folders are left alone: another test run may be starting one.
    /// </summary>
    private static void RemoveStaleServers()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                if (!File.Exists(Path.Combine(folder, "data", "postmaster.pid")) && Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else is cleaning it up or using it; not ours to insist.
            }
        }
    }

    private static void Run(string file, string[] arguments, bool asRoot)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
