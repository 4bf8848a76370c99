namespace Workflow.Engine.Activities;

/// <summary>A join (Elsa.FlowJoin): the runtime decides when it runs from its mode; see docs/definition-format.md.</summary>
public interface IJoinActivity;
