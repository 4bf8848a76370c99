namespace Workflow.Engine.Activities;

/// <summary>One dropdown entry: the stored <see cref="Value"/> and the <see cref="Text"/> shown.</summary>
public sealed record InputOption(string Value, string Text);
