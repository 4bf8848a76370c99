using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The real Host on Kestrel at 127.0.0.1 on a free port, Development environment, with its own temporary data folder
/// (deleted on dispose). Runs in the test process so that a failure shows the server's exception in the test output.
/// </summary>
public sealed class HostServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostServer(WebApplication app, string dataFolder, string baseUrl)
    {
        _app = app;
        DataFolder = dataFolder;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>, no trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The Host's services (the permit domain, the stores), for tests that act beside the browser.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The temporary folder this server keeps its data in.</summary>
    public string DataFolder { get; }

    /// <summary>
    /// The server's clock: it stands at Monday 2 November 2026, 09:30 in Shanghai while the browser works (tokens,
    /// cookies, deadlines and the demo data all count from it); a test may move it.
    /// </summary>
    public required FakeClock Clock { get; init; }

    public static async Task<HostServer> StartAsync(params string[] extraArgs)
    {
        var dataFolder = Directory.CreateTempSubdirectory("workflow-host-test-").FullName;
        var clock = FakeClock.At("2026-11-02T09:30:00+08:00");
        var app = WebApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            // The test process is not Workflow.Host: name the app so Razor Pages are found, and point the content root
            // at the project so that wwwroot is served.
            "--applicationName", "Workflow.Host",
            "--contentRoot", Path.Combine(SharedFolder.RepositoryRoot, "src", "Workflow.Host"),
            $"--ConnectionStrings:Workflow=Data Source={Path.Combine(dataFolder, "workflow.db")}",
            $"--Calendars:Folder={Path.Combine(dataFolder, "calendars")}",
            $"--Files:Folder={Path.Combine(dataFolder, "files")}",
            "--Timers:IntervalSeconds=0",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ], services => services.AddSingleton<NodaTime.IClock>(clock));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HostServer(app, dataFolder, address.TrimEnd('/')) { Clock = clock };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a lingering handle; the temp folder is cleaned by the OS eventually.
        }
    }
}
