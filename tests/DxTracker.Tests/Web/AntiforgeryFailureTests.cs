using DxTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DxTracker.Tests.Web;

/// <summary>Which refused form posts are "too large" (413) rather than a missing or stale token (400).</summary>
public sealed class AntiforgeryFailureTests
{
    [Fact]
    public void Kestrels_body_limit_and_the_form_readers_limits_are_too_large()
    {
        Assert.True(AntiforgeryFailureMiddleware.IsTooLarge(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)));
        Assert.True(AntiforgeryFailureMiddleware.IsTooLarge(new InvalidOperationException("wrapped", new InvalidDataException("Multipart body length limit 134217728 exceeded."))));
    }

    [Fact]
    public void A_missing_token_or_another_bad_request_is_not()
    {
        Assert.False(AntiforgeryFailureMiddleware.IsTooLarge(null));
        Assert.False(AntiforgeryFailureMiddleware.IsTooLarge(new BadHttpRequestException("Malformed.", StatusCodes.Status400BadRequest)));
        Assert.False(AntiforgeryFailureMiddleware.IsTooLarge(new Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException("The required antiforgery cookie is not present.")));
    }
}
