using System.Text.Json;
using Workflow.Definitions.Review;
using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Validation;

/// <summary>
/// 两岗审核终结: most matters must finish after at most two review posts. Warns where some path through a flowchart
/// passes more than two review activities (<c>Permits.DepartmentReview</c>, or a <c>Permits.ParallelReview</c>
/// branch) for the same matter. Only matters given as literals are seen; a matter chosen by script is not.
/// </summary>
public sealed class ReviewChainRule : IWorkflowValidationRule
{
    /// <summary>The most review posts one matter may pass on a path.</summary>
    public const int MaxPosts = 2;

    /// <inheritdoc />
    public void Validate(ValidationContext context)
    {
        foreach (var flowchart in context.Flowcharts())
        {
            var graph = context.Graph(flowchart);
            var matters = graph.ById.Values.SelectMany(MattersReviewedBy).Distinct().ToList();
            foreach (var matter in matters)
            {
                var (posts, path) = LongestChain(graph, matter);
                if (posts > MaxPosts)
                    context.Add(ValidationFinding.Warning(path[^1], "matter",
                        $"a path passes {posts} review posts for matter {matter} ({string.Join(" → ", path)}); matters should finish after at most {MaxPosts} (两岗审核终结)",
                        "review-chain",
                        $"事项 {matter} 在一条路径上经过 {posts} 个审核岗位（{string.Join(" → ", path)}）；按两岗审核终结，至多 {MaxPosts} 个"));
            }
        }
    }

    /// <summary>The matters a review node decides, read from its literal inputs.</summary>
    internal static IEnumerable<string> MattersReviewedBy(ActivityNode node)
    {
        if (node.Type == DepartmentReview && node.GetInput("matter") is { ExpressionType: "Literal" } m && !string.IsNullOrWhiteSpace(m.ValueText))
            return [m.ValueText!];
        if (node.Type == ParallelReview && node.GetInput("matters") is { ExpressionType: "Object" or "Literal" } ms)
            return ParseArray(ms.ValueText);
        return [];
    }

    private static readonly string DepartmentReview = ActivityType.Of<DepartmentReviewActivity>().TypeName;
    private static readonly string ParallelReview = ActivityType.Of<ParallelReviewActivity>().TypeName;

    private static IEnumerable<string> ParseArray(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json ?? "[]") ?? [];
        }
        catch (JsonException)
        {
            return []; // the engine's own validation reports unreadable inputs
        }
    }

    /// <summary>The largest number of review nodes for <paramref name="matter"/> on one forward path, and that path's nodes.</summary>
    private static (int Posts, List<string> Path) LongestChain(FlowchartGraph graph, string matter)
    {
        var memo = new Dictionary<string, (int, List<string>)>(StringComparer.Ordinal);
        (int, List<string>) From(string id)
        {
            if (memo.TryGetValue(id, out var known)) return known;
            memo[id] = (0, []); // guards against cycles; forward edges form none
            var own = MattersReviewedBy(graph.ById[id]).Contains(matter) ? 1 : 0;
            var best = (0, new List<string>());
            foreach (var c in graph.Outbound(id).Where(graph.IsForward))
            {
                var next = From(c.TargetActivityId);
                if (next.Item1 > best.Item1) best = next;
            }
            var result = own == 1 ? (best.Item1 + 1, new List<string> { id }.Concat(best.Item2).ToList()) : best;
            memo[id] = result;
            return result;
        }
        return graph.Start is null ? (0, []) : From(graph.Start.Id);
    }
}
