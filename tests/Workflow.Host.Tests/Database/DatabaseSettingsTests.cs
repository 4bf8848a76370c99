using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Host.Web.Database;

namespace Workflow.Host.Tests.Database;

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Workflow</c> are checked at start-up; a wrong one is one line naming it.</summary>
public sealed class DatabaseSettingsTests
{
    private static HostDatabase Read(params (string Key, string? Value)[] settings) =>
        HostDatabase.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build());

    [Fact]
    public void Nothing_configured_is_a_SQLite_file_under_data()
    {
        var database = Read();
        database.Provider.Should().Be(WorkflowDatabaseProvider.Sqlite);
        database.ConnectionString.Should().EndWith(Path.Combine("data", "workflow.db"));
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("postgresql")]
    public void PostgreSql_is_chosen_by_name(string name) =>
        Read(("Database:Provider", name), ("ConnectionStrings:Workflow", "Host=127.0.0.1;Database=workflow;Username=workflow"))
            .Provider.Should().Be(WorkflowDatabaseProvider.PostgreSql);

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("Sqlite,PostgreSql")]
    public void An_unknown_provider_names_the_setting(string name)
    {
        var act = () => Read(("Database:Provider", name));
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Database:Provider").And.Contain(name).And.Contain("Sqlite or PostgreSql");
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_names_it()
    {
        var act = () => Read(("Database:Provider", "PostgreSql"));
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("ConnectionStrings:Workflow is required");
    }

    [Fact]
    public void A_PostgreSQL_connection_string_under_the_SQLite_provider_says_which_setting_to_change()
    {
        // The crash of the issue: "Connection string keyword 'host' is not supported" from deep inside the first query.
        var act = () => Read(("ConnectionStrings:Workflow", "Host=127.0.0.1;Database=workflow"));
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("ConnectionStrings:Workflow is not a SQLite connection string").And.Contain("PostgreSql");
    }

    [Fact]
    public void A_malformed_PostgreSQL_connection_string_names_the_setting()
    {
        var act = () => Read(("Database:Provider", "PostgreSql"), ("ConnectionStrings:Workflow", "Data Source=workflow.db"));
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("ConnectionStrings:Workflow");
    }

    [Fact]
    public async Task The_command_line_prints_one_line_and_exits_1_without_touching_a_database()
    {
        var error = new StringWriter();
        var exit = await Workflow.Host.Cli.CliApp.RunAsync(["--urls", "http://127.0.0.1:0", "--Database:Provider=PostgreSql"], TextWriter.Null, error);

        exit.Should().Be(1);
        error.ToString().TrimEnd().Should().NotContain("\n").And.Contain("ConnectionStrings:Workflow is required");
    }
}
