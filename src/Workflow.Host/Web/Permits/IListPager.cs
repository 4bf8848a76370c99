namespace Workflow.Host.Web.Permits;

/// <summary>What the pager under a list (<c>Pages/Shared/_Pager.cshtml</c>) needs: the page shown, how many, and the link to another with the same parameters.</summary>
public interface IListPager
{
    /// <summary>The page shown, 1-based.</summary>
    int CurrentPage { get; }

    /// <summary>How many pages the list has (at least 1).</summary>
    int Pages { get; }

    /// <summary>The link to page <paramref name="page"/> with the same parameters.</summary>
    string PageLink(int page);
}
