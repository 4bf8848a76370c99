namespace Workflow.Engine.Activities;

/// <summary>
/// Declares an embedded child slot (Elsa's <c>[Port]</c> property of type <c>IActivity</c>): the descriptor lists
/// it as a port of type <c>Embedded</c> and the definition holds the child under the camelCase name (<c>then</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class EmbeddedPortAttribute(string name) : Attribute
{
    /// <summary>The port name as the descriptor shows it (<c>Then</c>); the definition stores the child under its camelCase form.</summary>
    public string Name { get; } = name;
}

/// <summary>Declares an output of the activity for the descriptor (Elsa's <c>Output&lt;T&gt;</c> properties, e.g. <c>Result</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ActivityOutputAttribute(string name, string typeName, string description) : Attribute
{
    /// <summary>The output name (<c>Result</c>), also the property a variable binding is read from.</summary>
    public string Name { get; } = name;
    /// <summary>Elsa's type name of the value (<c>Object</c>, <c>String</c>).</summary>
    public string TypeName { get; } = typeName;
    /// <summary>What Studio shows for the output.</summary>
    public string Description { get; } = description;
}
