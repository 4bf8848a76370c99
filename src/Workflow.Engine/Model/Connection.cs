using System.Text.Json.Nodes;

namespace Workflow.Engine.Model;

/// <summary>
/// A connection of a flowchart: from an outcome port of one activity to an inbound port of another. Read from
/// either Elsa shape (nested <c>{source:{activity,port},target:{activity,port}}</c> or the older flat
/// <c>source/target/sourcePort/targetPort</c>); <see cref="Raw"/> keeps the original object (vertices and anything
/// else) so that writing it back loses nothing.
/// </summary>
public sealed class Connection
{
    internal Connection(JsonObject raw, string source, string sourcePort, string target, string targetPort, bool flatShape)
    {
        Raw = raw;
        SourceActivityId = source;
        SourcePort = sourcePort;
        TargetActivityId = target;
        TargetPort = targetPort;
        IsFlatShape = flatShape;
    }

    /// <summary>The id of the activity the connection leaves.</summary>
    public string SourceActivityId { get; }
    /// <summary>The outcome of the source activity that activates this connection (<c>Done</c> when absent).</summary>
    public string SourcePort { get; }
    /// <summary>The id of the activity the connection enters.</summary>
    public string TargetActivityId { get; }
    /// <summary>The inbound port (<c>In</c> when absent; activities have no other, see docs/definition-format.md, "Validation").</summary>
    public string TargetPort { get; }
    /// <summary>True when read from the older flat shape; it is written back in the shape it was read in.</summary>
    public bool IsFlatShape { get; }
    /// <summary>The JSON object as read.</summary>
    public JsonObject Raw { get; }

    /// <summary>A stable key for counters and tokens: <c>source:port->target:port</c>.</summary>
    /// <remarks>Made once (the connection does not change): a join looks up every inbound connection's counter on each arrival.</remarks>
    public string Key => _key ??= $"{SourceActivityId}:{SourcePort}->{TargetActivityId}:{TargetPort}";

    private string? _key;

    /// <summary>Creates a connection in the current nested shape.</summary>
    public static Connection Create(string source, string sourcePort, string target, string targetPort = "In")
    {
        var raw = new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = sourcePort },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = targetPort },
            ["vertices"] = new JsonArray(),
        };
        return new Connection(raw, source, sourcePort, target, targetPort, false);
    }

    /// <summary>The <see cref="Key"/>.</summary>
    public override string ToString() => Key;
}
