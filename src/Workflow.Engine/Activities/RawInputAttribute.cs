namespace Workflow.Engine.Activities;

/// <summary>
/// Declares an input that is stored as plain JSON instead of an <see cref="Input{T}"/> expression (e.g. SetVariable's
/// inline <c>variable</c> object, FlowSwitch's <c>cases</c>), so that the descriptor lists it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RawInputAttribute(string name, string typeName, string uiHint, string description) : Attribute
{
    /// <summary>The JSON property name in the definition (camelCase, e.g. <c>variable</c>).</summary>
    public string Name { get; } = name;
    /// <summary>Elsa's type name Studio edits the value as.</summary>
    public string TypeName { get; } = typeName;
    /// <summary>The Elsa UI hint of the editor Studio uses (e.g. <c>variable-picker</c>, <c>switch-editor</c>).</summary>
    public string UIHint { get; } = uiHint;
    /// <summary>The help text Studio shows under the input.</summary>
    public string Description { get; } = description;
}
