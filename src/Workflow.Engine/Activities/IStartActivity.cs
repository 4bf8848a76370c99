namespace Workflow.Engine.Activities;

/// <summary>An activity the flowchart starts from when present (Elsa.Start).</summary>
public interface IStartActivity;
