using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Workflow.Testing;

namespace Workflow.Host.Tests.Samples;

/// <summary>samples/walkthrough.sh (bash + curl) against the real app on a real port: intake to the issued result.</summary>
public sealed class WalkthroughScriptTests
{
    [Fact]
    public async Task The_walkthrough_script_takes_one_application_from_intake_to_the_issued_result()
    {
        using var host = new HostFactory();
        var port = FreePort();
        host.UseKestrel(port);
        host.StartServer();

        var script = Path.Combine(SharedFolder.RepositoryRoot, "samples", "walkthrough.sh");
        var start = new ProcessStartInfo("bash", [script, $"http://127.0.0.1:{port}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        process.ExitCode.Should().Be(0, $"{await output}\n{await error}");
        (await output).Should().Contain("state Issued").And.Contain("walkthrough passed");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
