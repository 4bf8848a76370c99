using System.Text.Json.Nodes;

namespace Workflow.Engine.Model;

/// <summary>A workflow variable as declared in the definition: <c>{id, name, typeName, isArray, value, storageDriverTypeName}</c>.</summary>
/// <param name="Id">The variable's id (SetVariable refers to it).</param>
/// <param name="Name">The name scripts use (<c>getVariable("Name")</c>, <c>getName()</c>).</param>
/// <param name="TypeName">Elsa's type name, e.g. <c>Int32</c>, <c>String</c>, <c>Object</c>.</param>
/// <param name="Value">The initial value as written (often a string such as <c>"0"</c>).</param>
public sealed record VariableDefinition(string Id, string Name, string? TypeName, JsonNode? Value);
