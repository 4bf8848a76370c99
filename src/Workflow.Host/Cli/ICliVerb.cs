namespace Workflow.Host.Cli;

/// <summary>One verb of the command line (docs/cli.md). Exit codes: 0 ok, 1 the input failed (e.g. a definition does not validate), 2 bad arguments.</summary>
public interface ICliVerb
{
    /// <summary>The first word on the command line that selects this verb.</summary>
    string Name { get; }

    /// <summary>Runs the verb with the words after its name.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr);
}
