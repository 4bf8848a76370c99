namespace Workflow.Definitions.Feeds;

/// <summary>Whose deadlines a calendar feed lists (docs/ledger-and-feeds.md, Deadline calendar feeds); stored by name.</summary>
public enum FeedScope
{
    /// <summary>The open cases of one project agent: their own clocks, their steps' and their commitments'.</summary>
    Agent,
    /// <summary>One department's clocks (<c>frontdesk</c> for the window): its steps', the cases it leads, its matters' commitments.</summary>
    Department,
}
