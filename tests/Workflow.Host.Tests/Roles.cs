namespace Workflow.Host.Tests;

/// <summary>One demo user per role (docs/api.md), for tests that go through every role.</summary>
public static class Roles
{
    public const string Agent = "agent1";
    public const string FrontDesk = "frontdesk";
    public const string Reviewer = "reviewer-zjj";
    public const string Supervisor = "supervisor";
    public const string Designer = "designer";
    public const string Admin = "admin";

    public static readonly string[] All = [Agent, FrontDesk, Reviewer, Supervisor, Designer, Admin];
}
