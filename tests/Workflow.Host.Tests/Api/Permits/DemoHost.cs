namespace Workflow.Host.Tests.Api.Permits;

/// <summary>A host with the demo projects seeded (every stage and state).</summary>
public sealed class DemoHost : HostFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Projects"] = "30" };
}
