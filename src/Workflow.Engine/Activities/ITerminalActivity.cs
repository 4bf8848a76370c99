namespace Workflow.Engine.Activities;

/// <summary>An activity with no outbound ports that ends its flowchart or workflow (Elsa.End, Elsa.Finish, Elsa.Fault).</summary>
public interface ITerminalActivity;
