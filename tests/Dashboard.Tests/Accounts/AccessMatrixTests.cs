using System.Net;
using System.Text.RegularExpressions;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Tests.Api;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>
/// Every role (signed in with the form, and with an API key), and nobody, against every page and
/// endpoint the app maps, enumerated from the routing table, so endpoints added later are checked
/// too: one missing from <see cref="ExpectedAccess"/> fails the test until someone classifies it.
/// Users other than Admin are granted one profile; another profile's data answers 404.
/// </summary>
public sealed partial class AccessMatrixTests(AccessMatrixTests.Setup setup) : IClassFixture<AccessMatrixTests.Setup>
{
    private const string Granted = "alpha-granted";
    private const string Hidden = "zeta-hidden";

    private const string Anyone = "anonymous";
    private const string SignedIn = "any signed-in user";

    /// <summary>
    /// Who may call what: a policy of <see cref="Policies"/> (its roles), <see cref="SignedIn"/> or <see cref="Anyone"/>.
    /// Keys are "METHOD route pattern" as the routing table spells them. ADD A ROW for every new page or endpoint.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ExpectedAccess = new Dictionary<string, string>
    {
        // Pages
        ["GET /"] = Policies.Analytics,
        ["GET /popularity"] = Policies.Analytics,
        ["GET /labels"] = Policies.Analytics,
        ["GET /custom-labels"] = Policies.Analytics,
        ["GET /taxonomy"] = Policies.Analytics,
        ["GET /posts"] = Policies.Analytics,
        ["GET /import"] = Policies.Import,
        ["GET /profiles"] = Policies.Import,
        ["GET /admin/users"] = Policies.Admin,
        ["GET /admin/keys"] = Policies.Admin,
        ["GET /admin/audit"] = Policies.Admin,
        ["GET /login"] = Anyone,
        ["GET /error"] = Anyone,
        ["GET /denied"] = SignedIn,
        // Pages of the other issues, as planned (a page that does not exist yet is simply not checked)
        ["GET /library"] = Policies.Analytics,
        ["GET /drivers"] = Policies.Analytics,
        ["GET /map"] = Policies.Analytics,
        ["GET /model"] = Policies.Model,
        ["GET /predict"] = Policies.Predict,
        ["GET /reports"] = Policies.Reports,
        ["GET /compare"] = Policies.Analytics,
        ["GET /recommend"] = Policies.Analytics,
        ["GET /best-times"] = Policies.Analytics,
        ["GET /hashtags"] = Policies.Analytics,
        // API
        ["GET /healthz"] = Anyone,
        ["GET /api/profiles/"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/posts"] = Policies.Analytics,
        ["PATCH /api/profiles/{profile}"] = Policies.Import,
        ["DELETE /api/profiles/{profile}"] = Policies.Import,
        ["GET /api/profiles/{profile}/labels"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/custom-labels"] = Policies.Analytics,
        ["POST /api/profiles/{profile}/custom-labels"] = Policies.Import,
        ["DELETE /api/profiles/{profile}/custom-labels/{name}"] = Policies.Import,
        ["GET /api/profiles/{profile}/suggestions"] = Policies.Analytics,
        ["POST /api/profiles/{profile}/suggestions/accept"] = Policies.Import,
        ["POST /api/profiles/{profile}/suggestions/reject"] = Policies.Import,
        ["POST /api/profiles/{profile}/imports"] = Policies.Import,
        ["POST /api/annotate"] = Policies.Predict,
        ["GET /media/{sha256}"] = Policies.Analytics,
        ["GET /media/{sha256}/thumbnail"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/drivers/"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/drivers/importance.csv"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/drivers/pdp.csv"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/drivers/pdp2.csv"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/drivers/map.csv"] = Policies.Analytics,
        ["GET /api/jobs/"] = Policies.Analytics,
        ["GET /api/jobs/{id:long}"] = Policies.Analytics,
        ["POST /api/profiles/{profile}/predictions"] = Policies.Predict,
        ["GET /api/predictions/{id:long}"] = Policies.Predict,
        ["GET /api/predictions/{id:long}/heatmap.png"] = Policies.Predict,
        ["GET /api/predictions/{id:long}/frames/{index:int}/{kind}"] = Policies.Predict,
        ["GET /api/predictions/{id:long}/file"] = Policies.Predict,
        ["GET /api/profiles/{profile}/reports"] = Policies.Reports,
        ["GET /api/compare"] = Policies.Analytics,
        ["GET /api/compare.csv"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/recommendations"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/best-times"] = Policies.Analytics,
        ["GET /api/profiles/{profile}/hashtags"] = Policies.Analytics,
        ["GET /api/reports/{job:long}/file"] = Policies.Reports,
        // Sign-in, API description
        ["POST /account/login"] = Anyone,
        ["POST /account/logout"] = SignedIn,
        ["GET /openapi/{documentName}.json"] = SignedIn,
        ["GET /api/docs/{documentName?}"] = SignedIn,
        // Scalar's own script and icon are public, as every static file is; the page and the document are not.
        ["GET /api/docs/scalar.js"] = Anyone,
        ["GET /api/docs/scalar.aspnetcore.js"] = Anyone,
        ["GET /api/docs/favicon.svg"] = Anyone,
    };

    [Fact]
    public void EveryMappedEndpoint_IsInTheExpectedAccessTable()
    {
        var unclassified = setup.Endpoints.Where(e => !ExpectedAccess.ContainsKey(e.Key)).Select(e => e.Key).ToList();

        Assert.True(unclassified.Count == 0,
            "Endpoints not in AccessMatrixTests.ExpectedAccess (add a row with the policy they need, and put the same policy on the page or endpoint): "
            + string.Join(", ", unclassified));
    }

    [Fact]
    public async Task EveryCaller_GetsExactlyWhatItsRoleAllows()
    {
        var failures = new List<string>();
        foreach (var (caller, client) in setup.Callers)
        {
            foreach (var endpoint in setup.Endpoints.Where(e => ExpectedAccess.ContainsKey(e.Key)))
            {
                var expected = Allowed(ExpectedAccess[endpoint.Key], caller.Role);
                var (status, location) = await SendAsync(client, endpoint.Method, endpoint.Url(Granted));
                var allowed = !Refused(status, location);
                if (allowed != expected)
                    failures.Add($"{caller.Name} {endpoint.Key}: expected {(expected ? "allowed" : "refused")}, got {(int)status} {location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task AnotherProfilesData_AnswersNotFound_ToEveryoneButAdmin()
    {
        var failures = new List<string>();
        foreach (var (caller, client) in setup.Callers.Where(c => c.Caller.Role is not null))
        {
            foreach (var endpoint in setup.Endpoints.Where(e => e.Pattern.Contains("{profile}", StringComparison.Ordinal) && ExpectedAccess.ContainsKey(e.Key)))
            {
                if (!Allowed(ExpectedAccess[endpoint.Key], caller.Role))
                    continue;
                var (status, _) = await SendAsync(client, endpoint.Method, endpoint.Url(Hidden));
                if (caller.Role != Roles.Admin && endpoint.Pattern.EndsWith("/imports", StringComparison.Ordinal))
                {
                    // An import names a profile to create when it does not exist: a hidden one answers as an unknown name does.
                    var (unknown, _) = await SendAsync(client, endpoint.Method, endpoint.Url("no-such-" + Hidden));
                    if (status != unknown)
                        failures.Add($"{caller.Name} {endpoint.Key} on {Hidden}: got {(int)status}, an unknown name {(int)unknown}");
                    continue;
                }
                var hidden = status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden;
                if (caller.Role == Roles.Admin ? hidden : !hidden)
                    failures.Add($"{caller.Name} {endpoint.Key} on {Hidden}: got {(int)status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Creator)]
    [InlineData(Roles.Insights)]
    public async Task ProfileList_AndPages_ShowOnlyGrantedProfiles(string role)
    {
        var client = setup.Callers.Single(c => c.Caller.Name == $"{role} (key)").Client;
        var browser = setup.Callers.Single(c => c.Caller.Name == $"{role} (form)").Client;

        var names = (await client.GetJsonAsync("/api/profiles")).Body.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        var page = await browser.GetStringAsync($"/?profile={Hidden}");

        Assert.Equal([Granted], names);
        Assert.Contains(Granted, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Hidden, WithoutUrls(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaOfAHiddenProfile_AnswersNotFound()
    {
        var analyst = setup.Callers.Single(c => c.Caller.Name == $"{Roles.Analyst} (key)").Client;
        var admin = setup.Callers.Single(c => c.Caller.Name == $"{Roles.Admin} (key)").Client;

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/media/{setup.HiddenMedia}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/media/{setup.HiddenMedia}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/media/{setup.GrantedMedia}")).StatusCode);
    }

    private static bool Allowed(string access, string? role) => access switch
    {
        Anyone => true,
        SignedIn => role is not null,
        _ => role is not null && Policies.RolesOf[access].Contains(role),
    };

    private static bool Refused(HttpStatusCode status, string? location) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (status is HttpStatusCode.Redirect or HttpStatusCode.Found && location is not null
            && (location.Contains("/login?", StringComparison.Ordinal) || location.Contains("/denied", StringComparison.Ordinal)));

    private static async Task<(HttpStatusCode Status, string? Location)> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = new FormUrlEncodedContent([]);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    // The address of the page itself (in links and the circuit's start state) may name the profile asked for; the content may not.
    private static string WithoutUrls(string html) => UrlLike().Replace(html, "");

    [GeneratedRegex("profile=[^\"&<>\\s]*")]
    private static partial Regex UrlLike();

    /// <summary>A mapped endpoint: method, route pattern, and a URL for a profile.</summary>
    public sealed record EndpointCase(string Method, string Pattern)
    {
        public string Key => $"{Method} {Pattern}";

        public string Url(string profile)
        {
            var path = RouteParameter().Replace(Pattern, m => m.Groups[1].Value switch
            {
                "profile" => profile,
                "sha256" => new string('0', 64),
                "documentName" => "v1",
                "path" => "index.html",
                "id" or "job" => "1",
                "index" => "0",
                _ => m.Value.EndsWith("?}", StringComparison.Ordinal) ? "" : "x",
            });
            return path.Length == 0 ? "/" : path[0] == '/' ? path : "/" + path;
        }
    }

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>Who calls: a role (null for nobody) and how it signs in.</summary>
    public sealed record Caller(string Name, string? Role);

    /// <summary>One app with two profiles, a user per role granted the first, each signed in both ways.</summary>
    public sealed class Setup : IAsyncLifetime
    {
        public InsightsApiFixture App { get; } = new();

        public List<(Caller Caller, HttpClient Client)> Callers { get; } = [];

        public List<EndpointCase> Endpoints { get; private set; } = [];

        public string GrantedMedia { get; private set; } = "";

        public string HiddenMedia { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var admin = App.CreateClient();
            var grantedImage = TestFiles.Png(10, 200, 30);
            var hiddenImage = TestFiles.Png(200, 10, 30);
            Assert.Equal(HttpStatusCode.OK, (await admin.ImportAsync(Granted, ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("P1.png", grantedImage))).Status);
            Assert.Equal(HttpStatusCode.OK, (await admin.ImportAsync(Hidden, ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("P1.png", hiddenImage))).Status);
            GrantedMedia = TestFiles.Sha256(grantedImage);
            HiddenMedia = TestFiles.Sha256(hiddenImage);

            Callers.Add((new Caller(Anyone, null), SignIn.NewBrowser(App)));
            foreach (var role in Roles.All)
            {
                var email = $"{role.ToLowerInvariant()}@tests.local";
                var key = role == Roles.Admin ? null : await App.KeyForAsync(email, [role], Granted);
                if (role == Roles.Admin)
                    email = InsightsApiFixture.AdminEmail;
                var keyClient = key is null ? App.CreateClient(new() { AllowAutoRedirect = false }) : App.CreateClientWithKey(key);
                Callers.Add((new Caller($"{role} (key)", role), keyClient));
                var browser = await SignIn.SignedInBrowserAsync(App, email);
                // As the app's own scripts would: the cross-site guard of cookie writes has its own tests (CrossSiteWriteTests).
                browser.DefaultRequestHeaders.Add(Insights.Dashboard.Api.CrossSiteWrites.RequestedWithHeader, "XMLHttpRequest");
                Callers.Add((new Caller($"{role} (form)", role), browser));
            }
            // A key client follows no redirects either, so a refusal is seen as such.
            foreach (var (_, client) in Callers)
                client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/json");

            Endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Where(e => !IsFramework(e))
                .SelectMany(e => Methods(e).Select(m => new EndpointCase(m, Pattern(e))))
                .Where(e => e.Method != "HEAD")
                .DistinctBy(e => e.Key)
                .ToList();
        }

        public async Task DisposeAsync()
        {
            foreach (var (_, client) in Callers)
                client.Dispose();
            await App.DisposeAsync();
        }

        // A page also answers POST (its forms); the same component, so the same rules as its GET.
        private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
            endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? ["GET"]
            : endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];

        private static string Pattern(RouteEndpoint endpoint)
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            return raw.StartsWith('/') ? raw : "/" + raw;
        }

        // Static files (public by design), the development fallback for files, and Blazor's own circuit
        // endpoints (under the fallback policy) are not pages or API.
        private static bool IsFramework(RouteEndpoint endpoint)
        {
            var pattern = Pattern(endpoint);
            return pattern.StartsWith("/_blazor", StringComparison.Ordinal) || pattern.StartsWith("/_framework", StringComparison.Ordinal)
                || endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
                || endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata")
                || (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null && endpoint.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true);
        }
    }
}
