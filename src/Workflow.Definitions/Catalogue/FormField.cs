namespace Workflow.Definitions.Catalogue;

/// <summary>A field of a matter's application form (申请表单).</summary>
/// <param name="Name">Machine name (camelCase).</param>
/// <param name="Label">Chinese label.</param>
/// <param name="Type">text, number, date or boolean.</param>
/// <param name="Required">Whether the form is incomplete without it.</param>
public sealed record FormField(string Name, string Label, string Type = "text", bool Required = false);
