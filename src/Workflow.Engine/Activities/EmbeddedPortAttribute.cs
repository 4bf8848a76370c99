namespace Workflow.Engine.Activities;

/// <summary>
/// Declares an embedded child slot (Elsa's <c>[Port]</c> property of type <c>IActivity</c>): the descriptor lists
/// it as a port of type <c>Embedded</c> and the definition holds the child under the camelCase name (<c>then</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class EmbeddedPortAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Declares an output of the activity for the descriptor (Elsa's <c>Output&lt;T&gt;</c> properties, e.g. <c>Result</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ActivityOutputAttribute(string name, string typeName, string description) : Attribute
{
    public string Name { get; } = name;
    public string TypeName { get; } = typeName;
    public string Description { get; } = description;
}
