namespace Workflow.Engine.Runtime;

/// <summary>How a flowchart decides when a target with several inbound connections runs (docs/definition-format.md, The two flowchart modes).</summary>
public enum FlowchartMode
{
    /// <summary>Token-based (our default; Elsa's newest join tests): arrivals are tokens, untaken paths send nothing.</summary>
    Token,
    /// <summary>Counter-based (Elsa 3.5/3.6 default): every connection is visited as followed or not, dead paths propagate.</summary>
    Counter,
}
