namespace Insights.Inference.Models;

/// <summary>Subresource-integrity strings of the npm lock file ("sha512-BASE64", several separated by spaces).</summary>
internal static class Integrity
{
    /// <summary>The sha512 digest a package pins; weaker algorithms alone are not accepted.</summary>
    public static byte[] Sha512Of(LockedPackage package)
    {
        foreach (var part in package.Integrity.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("sha512-", StringComparison.Ordinal))
                continue;
            var digest = part["sha512-".Length..];
            var questionMark = digest.IndexOf('?');
            try
            {
                var bytes = Convert.FromBase64String(questionMark < 0 ? digest : digest[..questionMark]);
                if (bytes.Length == 64)
                    return bytes;
            }
            catch (FormatException)
            {
                // fall through to the error below
            }
        }

        throw new ModelRefusedException($"{package.Name}@{package.Version}: the lock file's integrity '{package.Integrity}' holds no valid sha512 digest; only sha512 is accepted.");
    }
}
