namespace Workflow.Engine.Activities;

/// <summary>
/// Marks a class as an activity and names it as Elsa does: the type name is <c>Namespace.TypeName</c>
/// (<c>Elsa.WriteLine</c>); <see cref="TypeName"/> defaults to the class name.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string category, string description) : Attribute
{
    /// <summary>The part before the dot in the type name (<c>Elsa</c>, <c>Permits</c>); Studio's descriptor <c>namespace</c>.</summary>
    internal string Namespace { get; } = @namespace;
    /// <summary>The toolbox group Studio files the activity under (descriptor <c>category</c>).</summary>
    internal string Category { get; } = category;
    /// <summary>The descriptor <c>description</c> Studio shows beside the activity.</summary>
    internal string Description { get; } = description;
    /// <summary>The name after the namespace; the class name when null.</summary>
    public string? TypeName { get; init; }
    /// <summary>What Studio shows; the type name when null.</summary>
    public string? DisplayName { get; init; }
    /// <summary>Elsa's descriptor kind: <c>Action</c> (default), <c>Trigger</c>, <c>Task</c>, <c>Job</c>.</summary>
    public string Kind { get; init; } = "Action";
    /// <summary>Shown in the toolbox (false hides it, e.g. for containers the designer draws itself).</summary>
    public bool IsBrowsable { get; init; } = true;
}
