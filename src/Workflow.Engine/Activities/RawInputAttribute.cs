namespace Workflow.Engine.Activities;

/// <summary>
/// Declares an input that is stored as plain JSON instead of an <see cref="Input{T}"/> expression (e.g. SetVariable's
/// inline <c>variable</c> object, FlowSwitch's <c>cases</c>), so that the descriptor lists it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RawInputAttribute(string name, string typeName, string uiHint, string description) : Attribute
{
    public string Name { get; } = name;
    public string TypeName { get; } = typeName;
    public string UIHint { get; } = uiHint;
    public string Description { get; } = description;
}
