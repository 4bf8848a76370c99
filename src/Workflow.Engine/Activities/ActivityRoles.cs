namespace Workflow.Engine.Activities;

/// <summary>An activity the flowchart starts from when present (Elsa.Start).</summary>
public interface IStartActivity;

/// <summary>An activity with no outbound ports that ends its flowchart or workflow (Elsa.End, Elsa.Finish, Elsa.Fault).</summary>
public interface ITerminalActivity;

/// <summary>An activity whose body is a nested flowchart that the runtime runs (Elsa.FlowNode).</summary>
public interface IContainerActivity;

/// <summary>A join (Elsa.FlowJoin): the runtime decides when it runs from its mode; see docs/definition-format.md.</summary>
public interface IJoinActivity;
