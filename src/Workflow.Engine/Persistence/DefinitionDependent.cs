namespace Workflow.Engine.Persistence;
/// <summary>One kind of dependent: <paramref name="Kind"/> is a stable key (e.g. "instances", "binding"), the descriptions are for the user.</summary>
public sealed record DefinitionDependent(string Kind, int Count, string DescriptionZh, string DescriptionEn);
