using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Validation;
using Workflow.Engine.Validation;

namespace Workflow.Host.Cli;

/// <summary>
/// <c>validate FILE...</c> (docs/cli.md): one line per finding on stdout, <c>FILE: error|warning: activity ID: message — 中文</c> (the Chinese
/// half names the activity by its display name);
/// exit 0 when no file has an error (warnings allowed), 1 when any has, 2 for bad arguments (no file, an option, a missing file).
/// </summary>
public sealed class ValidateVerb : ICliVerb
{
    public string Name => "validate";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            await stderr.WriteLineAsync("error: validate needs at least one file: validate FILE...");
            return 2;
        }
        if (args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            await stderr.WriteLineAsync($"error: validate takes no option '{option}': validate FILE...");
            return 2;
        }
        if (args.FirstOrDefault(a => !File.Exists(a)) is { } missing)
        {
            await stderr.WriteLineAsync($"error: file not found: {missing}");
            return 2;
        }
        using var services = CliEngine.Build();
        var validator = services.GetRequiredService<WorkflowValidator>();
        var anyError = false;
        foreach (var file in args)
        {
            var (definition, findings) = validator.Validate(await File.ReadAllTextAsync(file));
            // The contract's line, then the activity's display name and the Chinese text the Studio shows (docs/studio.md).
            foreach (var text in FindingText.Of(findings, definition))
                await stdout.WriteLineAsync($"{CliEngine.Line(file, text.Finding)} — {text.Zh}");
            anyError |= findings.Any(f => f.Severity == FindingSeverity.Error);
        }
        return anyError ? 1 : 0;
    }
}
