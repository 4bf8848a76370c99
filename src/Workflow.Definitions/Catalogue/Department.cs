namespace Workflow.Definitions.Catalogue;

/// <summary>A department of the jurisdiction; <see cref="Code"/> is also the suffix of its reviewers' user names (<c>reviewer-&lt;code&gt;</c>).</summary>
/// <param name="Code">Short stable code, e.g. <c>zrzy</c>.</param>
/// <param name="Name">Chinese name, e.g. 自然资源和规划.</param>
/// <param name="EnglishName">English name for the English UI.</param>
public sealed record Department(string Code, string Name, string EnglishName);
