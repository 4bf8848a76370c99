using Workflow.Host.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error);

/// <summary>The entry point; public so that integration tests can start the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
