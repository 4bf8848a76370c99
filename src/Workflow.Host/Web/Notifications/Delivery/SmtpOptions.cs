using MailKit.Security;

namespace Workflow.Host.Web.Notifications.Delivery;

/// <summary>
/// <c>Notifications:Smtp:*</c> (docs/notifications.md, E-mail): the SMTP server the outbox delivers to. Off by default:
/// without <see cref="Enabled"/> nothing is sent, the start-up log says so, and the messages users chose wait in the outbox.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary><c>None</c>, <c>Auto</c>, <c>SslOnConnect</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> (MailKit's <see cref="SecureSocketOptions"/>).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, e.g. <c>政务服务中心 &lt;noreply@example.gov.cn&gt;</c>.</summary>
    public string From { get; set; } = "Workflow <noreply@localhost>";
    /// <summary>Where the site is reached from outside: the links in e-mails start with it.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>How often a worker looks for due messages.</summary>
    public int PollSeconds { get; set; } = 10;
    /// <summary>How many messages a worker claims at once.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>How long one SMTP conversation may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
