using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Engine.Validation;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Validation;

/// <summary>
/// Broken variants of the conformance files (truncated text, removed or retyped properties): validation never throws,
/// and whatever validates without errors also runs without an exception.
/// </summary>
public class MutationFuzzTests
{
    [SharedFolderFact]
    public async Task Mutated_definitions_never_throw()
    {
        var (services, runtime, _) = TestFlow.Engine();
        var validator = services.GetRequiredService<WorkflowValidator>();
        var random = new Random(20261121);
        var files = Directory.GetFiles(Path.Combine(SharedFolder.Require(), "elsa-conformance", "workflows"), "*.json");
        var ran = 0;
        for (var round = 0; round < 400; round++)
        {
            var text = File.ReadAllText(files[random.Next(files.Length)]);
            var mutated = random.Next(4) == 0 ? text[..random.Next(text.Length)] : Mutate(JsonNode.Parse(text)!, random).ToJsonString();

            var (definition, findings) = validator.Validate(mutated);

            if (definition is null || findings.Any(f => f.Severity == FindingSeverity.Error)) continue;
            var started = await runtime.StartAsync(definition, new StartWorkflowOptions { FlowchartMode = random.Next(2) == 0 ? FlowchartMode.Token : FlowchartMode.Counter });
            await runtime.ResumeAllAsync(started);
            ran++;
        }
        ran.Should().BeGreaterThan(20, "a good share of mutations stay valid and run");
    }

    private static JsonNode Mutate(JsonNode root, Random random)
    {
        var nodes = new List<(JsonObject Parent, string Key)>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList()) { nodes.Add((o, k)); Walk(v); }
                    break;
                case JsonArray a:
                    foreach (var v in a) Walk(v);
                    break;
            }
        }
        Walk(root);
        for (var i = 0; i < 1 + random.Next(3); i++)
        {
            var (parent, key) = nodes[random.Next(nodes.Count)];
            if (!parent.ContainsKey(key)) continue;
            parent[key] = random.Next(5) switch
            {
                0 => null,
                1 => JsonValue.Create("x"),
                2 => new JsonArray(),
                3 => JsonValue.Create(42),
                _ => new JsonObject(),
            };
        }
        return root;
    }
}
