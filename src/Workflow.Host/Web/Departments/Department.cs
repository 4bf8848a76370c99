namespace Workflow.Host.Web.Departments;

/// <summary>An approving department: its short code (used in user names, inbox filters and workflow inputs) and its name.</summary>
public sealed record Department(string Code, string Name);
