using Microsoft.Playwright;

namespace Insights.E2E;

/// <summary>Signing in through the real form in Chromium, as a user of a role other than admin.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AccountsTests(DashboardServerFixture server)
{
    [Fact]
    public async Task AnAnalyst_SignsInThroughTheForm_AndSeesTheOverviewWithoutTheAdminPages()
    {
        await server.CreateUserAsync("analyst@e2e.local", ["Analyst"], "demo");
        var page = await server.NewAnonymousPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/?profile=demo").ToString());
        await page.Locator("form[data-testid=login-form]").WaitForAsync();
        var loginUrl = page.Url;
        await page.Locator("#email").FillAsync("analyst@e2e.local");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "login.png") });
        await DashboardServerFixture.SubmitLoginAsync(page, "analyst@e2e.local", DashboardServerFixture.Password);
        var kpis = page.Locator("[data-testid=kpi]");
        await kpis.First.WaitForAsync();
        var menu = await page.Locator(".mud-navmenu").InnerTextAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "overview-analyst.png") });

        Assert.Contains("/login?ReturnUrl=", loginUrl, StringComparison.Ordinal);
        Assert.EndsWith("/?profile=demo", page.Url, StringComparison.Ordinal);
        Assert.Equal(4, await kpis.CountAsync());
        Assert.Contains("Import", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("Users", menu, StringComparison.Ordinal);
        Assert.Equal("analyst@e2e.local", await page.Locator("[data-testid=user-name]").InnerTextAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheApiReference_RendersFromThisServer()
    {
        var page = await server.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/api/docs").ToString());
        await page.GetByText("/api/profiles/{profile}/posts").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "api-docs.png") });

        Assert.Contains("Insights API", await page.ContentAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AWrongPassword_ShowsTheMessageOnTheForm()
    {
        var page = await server.NewAnonymousPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/login").ToString());
        await page.Locator("#email").FillAsync(DashboardServerFixture.AdminEmail);
        await page.Locator("#password").FillAsync("not the password");
        await page.Locator("form[data-testid=login-form] button[type=submit]").ClickAsync();
        var error = page.Locator("[data-testid=login-error]");
        await error.WaitForAsync();

        Assert.Contains("wrong", await error.InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
