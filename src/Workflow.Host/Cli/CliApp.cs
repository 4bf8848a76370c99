namespace Workflow.Host.Cli;

/// <summary>
/// Chooses between the web app and a command-line verb. No verb, <c>serve</c>, or arguments that start
/// with <c>--</c> (configuration such as <c>--urls</c>) start the web app, so that
/// <c>dotnet run --project src/Workflow.Host</c> just serves.
/// </summary>
public static class CliApp
{
    /// <summary>Every verb besides <c>serve</c>; each lives in its own file in this folder.</summary>
    public static IReadOnlyList<ICliVerb> Verbs { get; } =
    [
        new ValidateVerb(),
        new RunVerb(),
        new CalendarVerb(),
        new AuditVerb(),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            return await WebApp.RunAsync(args, stderr);
        if (args[0] == "serve")
            return await WebApp.RunAsync(args[1..], stderr);

        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            await stderr.WriteLineAsync($"error: unknown verb '{args[0]}'. Verbs: serve, {string.Join(", ", Verbs.Select(v => v.Name))}.");
            return 2;
        }
        return await verb.RunAsync(args[1..], stdout, stderr);
    }
}
