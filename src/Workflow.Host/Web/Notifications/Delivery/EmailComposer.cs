using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Definitions.Notifications;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Notifications.Delivery;

/// <summary>
/// Writes one outbox message as an e-mail in its recipient's language (docs/notifications.md, E-mail): the same text the
/// notification centre shows (<see cref="NotificationText"/>), the case number and a link to the case, as plain text and HTML.
/// </summary>
public sealed class EmailComposer(MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IOptions<SmtpOptions> smtp)
{
    public MimeMessage Compose(OutboxMessageRow message)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = message.Language == "en" ? Ui.English : Ui.Chinese;
        try
        {
            var data = JsonSerializer.Deserialize<Dictionary<string, string>>(message.Data) ?? [];
            var item = new NotificationItem(message.Id, message.Kind, message.CaseId, message.StepId, data, message.CreatedAt, false);
            var text = NotificationText.Of(item, catalogue, jurisdiction.Value.Zone);
            var link = message.CaseId is null ? null : $"{smtp.Value.BaseUrl.TrimEnd('/')}/cases/{Uri.EscapeDataString(message.CaseId)}";
            var caseNumber = NotificationText.CaseNumber(item);
            var caseLine = caseNumber is null ? "" : Ui.T($"办件编号：{caseNumber}", $"Case number: {caseNumber}");
            var footer = Ui.T("此邮件由系统自动发送，请勿回复。可在“通知设置”中更改邮件通知。", "This message was sent automatically; please do not reply. Change your e-mail notifications under Notification settings.");

            var mail = new MimeMessage();
            mail.From.Add(MailboxAddress.Parse(smtp.Value.From));
            mail.To.Add(MailboxAddress.Parse(message.Email));
            mail.Subject = (caseNumber is null ? "" : $"[{caseNumber}] ") + NotificationText.KindName(message.Kind);
            var body = new BodyBuilder
            {
                TextBody = string.Join("\n", new[] { text, "", caseLine, link is null ? "" : Ui.T($"查看办件：{link}", $"Open the case: {link}"), "", footer }),
                HtmlBody = $"""
                    <!DOCTYPE html><html lang="{Ui.HtmlLang}"><body>
                    <p>{WebUtility.HtmlEncode(text)}</p>
                    {(caseLine.Length == 0 ? "" : $"<p>{WebUtility.HtmlEncode(caseLine)}</p>")}
                    {(link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(Ui.T("查看办件", "Open the case"))}</a></p>")}
                    <p style="color:#666">{WebUtility.HtmlEncode(footer)}</p>
                    </body></html>
                    """,
            };
            mail.Body = body.ToMessageBody();
            return mail;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
