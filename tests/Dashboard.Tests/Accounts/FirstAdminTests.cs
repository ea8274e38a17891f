using System.Net;
using Insights.Dashboard.Accounts;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>The first start without configured admin credentials: admin@localhost with a generated password, printed once.</summary>
public sealed class FirstAdminTests
{
    private static readonly Dictionary<string, string?> NoAdminSettings = new()
    {
        ["Insights:Admin:Email"] = "",
        ["Insights:Admin:Password"] = "",
    };

    [Fact]
    public async Task WithoutConfiguration_AGeneratedPasswordIsPrintedOnce_AndSignsIn()
    {
        var folder = InsightsApiFixture.NewTempDirectory();
        try
        {
            string password;
            await using (var first = InsightsApiFixture.Create(NoAdminSettings, folder))
            {
                _ = first.Services;
                var line = Assert.Single(first.OperatorConsole.Lines, l => l.Contains("password", StringComparison.Ordinal) && l.Contains(AccountsDatabase.DefaultAdminEmail, StringComparison.Ordinal));
                password = line[(line.LastIndexOf(' ') + 1)..];
                Assert.Equal(20, password.Length);

                using var browser = SignIn.NewBrowser(first);
                Assert.Equal("/", await SignIn.PostLoginAsync(browser, AccountsDatabase.DefaultAdminEmail, password));
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/users")).StatusCode);
            }

            await using var second = InsightsApiFixture.Create(NoAdminSettings, folder);
            _ = second.Services;
            Assert.DoesNotContain(second.OperatorConsole.Lines, l => l.Contains(password, StringComparison.Ordinal));
            Assert.Empty(second.OperatorConsole.Lines);
        }
        finally
        {
            InsightsApiFixture.DeleteDirectory(folder);
        }
    }

    [Fact]
    public async Task WithConfiguration_TheConfiguredAdminIsCreated_AndNothingIsPrinted()
    {
        await using var app = new InsightsApiFixture();
        _ = app.Services;

        var users = await app.GetRequiredService<AccountService>().ListAsync();

        Assert.Empty(app.OperatorConsole.Lines);
        var admin = Assert.Single(users);
        Assert.Equal(InsightsApiFixture.AdminEmail, admin.Email);
        Assert.Equal([Roles.Admin], admin.Roles);
    }
}
