using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Tests.Access;

public sealed class StartupConfigurationTests
{
    private sealed class ConfiguredHost(string environment, params (string Key, string? Value)[] settings) : HostFactory
    {
        protected override string Environment => environment;
        protected override IReadOnlyDictionary<string, string?> Settings => settings.ToDictionary(s => s.Key, s => s.Value);
    }

    /// <summary>
    /// Builds and starts the real app on a free port, on a database of its own, with these arguments; the exception
    /// building or starting throws, or null.
    /// </summary>
    private static async Task<Exception?> StartFailureAsync(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("workflow-startup-test-").FullName;
        try
        {
            await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Workflow=Data Source={Path.Combine(folder, "workflow.db")}",
                "--Demo:Projects=0", "--Timers:IntervalSeconds=0", .. args]);
            await app.StartAsync();
            await app.StopAsync();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_refused_setting_touches_no_database()
    {
        var folder = Directory.CreateTempSubdirectory("workflow-startup-test-").FullName;
        var database = Path.Combine(folder, "workflow.db");

        var exit = await Workflow.Host.Cli.CliApp.RunAsync(["--environment", "Production", "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Workflow=Data Source={database}"], TextWriter.Null, TextWriter.Null);

        exit.Should().Be(1);
        File.Exists(database).Should().BeFalse("settings are checked before the schema is migrated or demo data seeded");
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(AuthOptions.DevelopmentSigningKey)]
    public async Task Production_refuses_to_start_with_the_development_signing_key(string? key)
    {
        var failure = await StartFailureAsync(["--environment", "Production", .. key is null ? Array.Empty<string>() : [$"--Auth:SigningKey={key}"]]);
        failure.Should().BeOfType<OptionsValidationException>().Which.Message.Should().Contain("Auth:SigningKey").And.Contain("Production");
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Test")]
    public async Task Any_environment_but_Development_refuses_the_development_key(string environment)
    {
        var failure = await StartFailureAsync("--environment", environment, $"--Auth:SigningKey={AuthOptions.DevelopmentSigningKey}");
        failure.Should().BeOfType<OptionsValidationException>().Which.Message.Should().Contain("Auth:SigningKey").And.Contain(environment);
    }

    [Fact]
    public async Task A_key_under_32_bytes_is_refused_even_when_it_has_many_characters_elsewhere()
    {
        // 31 ASCII characters: 31 bytes. (A key of 11 Chinese characters is 33 bytes and passes.)
        var failure = await StartFailureAsync("--environment", "Staging", "--Auth:SigningKey=" + new string('k', 31));
        failure.Should().BeOfType<OptionsValidationException>().Which.Message.Should().Contain("at least 32 bytes");
        (await StartFailureAsync("--environment", "Staging", "--Auth:SigningKey=" + new string('密', 11))).Should().BeNull();
    }

    [Fact]
    public async Task Production_starts_with_its_own_key()
    {
        var failure = await StartFailureAsync("--environment", "Production", "--Auth:SigningKey=a-production-secret-that-is-long-enough-1234");
        failure.Should().BeNull();
    }

    [Fact]
    public async Task The_command_line_says_why_in_one_line_and_exits_1()
    {
        var folder = Directory.CreateTempSubdirectory("workflow-startup-test-").FullName;
        var exit = await Workflow.Host.Cli.CliApp.RunAsync(["--environment", "Production", "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Workflow=Data Source={Path.Combine(folder, "w.db")}"], TextWriter.Null, TextWriter.Null);
        exit.Should().Be(1);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_short_key_is_refused_in_any_environment()
    {
        var failure = await StartFailureAsync("--environment", "Development", "--Auth:SigningKey=short");
        failure.Should().BeOfType<OptionsValidationException>().Which.Message.Should().Contain("at least 32 bytes");
    }

    [Fact]
    public async Task A_studio_page_token_shorter_than_eight_hours_is_refused()
    {
        var failure = await StartFailureAsync("--environment", "Development", "--Auth:PageTokenLifetime=01:00:00");
        failure.Should().BeOfType<OptionsValidationException>().Which.Message.Should().Contain("PageTokenLifetime");
    }

    [Fact]
    public async Task Without_demo_data_the_demo_users_do_not_exist()
    {
        await using var host = new ConfiguredHost("Development", ("Demo:Enabled", "false"));
        using var client = host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "demo" });
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void The_no_demo_switch_becomes_a_configuration_value()
    {
        Workflow.Host.Web.Demo.DemoOptions.RewriteArguments(["--urls", "http://x", "--no-demo"])
            .Should().Equal("--urls", "http://x", "--Demo:Enabled=false");
    }
}
