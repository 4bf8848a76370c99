namespace Workflow.Host.Web.Access;

/// <summary>What a signed-in person does in the service centre (docs/api.md). One role per user.</summary>
public enum UserRole
{
    /// <summary>A project agent (代办员): files applications for the projects they own.</summary>
    Agent,

    /// <summary>The intake window (综合窗口): accepts applications and checks materials.</summary>
    FrontDesk,

    /// <summary>A reviewer of one department: acts only on that department's steps.</summary>
    Reviewer,

    /// <summary>Reads everything, acts on nothing.</summary>
    Supervisor,

    /// <summary>Designs and publishes workflow definitions in Elsa Studio.</summary>
    Designer,

    /// <summary>May do everything.</summary>
    Admin,
}
