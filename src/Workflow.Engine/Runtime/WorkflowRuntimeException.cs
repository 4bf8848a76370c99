namespace Workflow.Engine.Runtime;

/// <summary>A start or resume that cannot happen as asked (unknown bookmark, finished instance, invalid definition); the message says why.</summary>
public sealed class WorkflowRuntimeException(string message) : Exception(message);
