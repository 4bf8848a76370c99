namespace Workflow.Engine.Activities;

/// <summary>
/// Describes an <see cref="Input{T}"/> property for the designer (the InputDescriptor of Elsa Studio). The JSON
/// name of the input is the property name in camelCase.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Elsa UI hint: <c>singleline</c> (default), <c>multiline</c>, <c>dropdown</c>, <c>checkbox</c>, <c>dynamic</c>, <c>variable-picker</c> ...</summary>
    public string? UIHint { get; init; }
    /// <summary>The label Studio shows; the property name when null.</summary>
    public string? DisplayName { get; init; }
    /// <summary>The help text Studio shows under the input; a generic one when null.</summary>
    public string? Description { get; init; }
    /// <summary>The group Studio shows the input under; null leaves it ungrouped.</summary>
    public string? Category { get; init; }
    /// <summary>Fixed dropdown options; for options known only at run time use <see cref="OptionsProvider"/>.</summary>
    public string[]? Options { get; init; }
    /// <summary>A type implementing <see cref="IInputOptionsProvider"/>, resolved from the services when descriptors are built.</summary>
    public Type? OptionsProvider { get; init; }
    /// <summary>The value used when the definition leaves the input out.</summary>
    public object? DefaultValue { get; init; }
    /// <summary>The expression type Studio starts with: <c>Literal</c> (default) or <c>JavaScript</c>.</summary>
    public string DefaultSyntax { get; init; } = "Literal";
    /// <summary>Elsa's type name shown to Studio; derived from the CLR type when null.</summary>
    public string? TypeName { get; init; }
    /// <summary>The position among the activity's inputs in Studio's property panel (ascending).</summary>
    public int Order { get; init; }
    /// <summary>False for inputs stored as plain JSON rather than <c>{typeName, expression}</c> (e.g. SetVariable's <c>variable</c>).</summary>
    public bool IsWrapped { get; init; } = true;
}
