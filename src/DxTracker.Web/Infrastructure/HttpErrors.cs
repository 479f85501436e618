namespace DxTracker.Web.Infrastructure;

/// <summary>The user may not see or do this: rendered as the 403 page, nothing changed.</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException() : base("forbidden") { }

    public ForbiddenException(string message) : base(message) { }

    public ForbiddenException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>No such plan, item or year: rendered as the 404 page.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException() : base("not found") { }

    public NotFoundException(string message) : base(message) { }

    public NotFoundException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Someone else changed it first: the user is shown the other version and decides; nothing of theirs is lost.</summary>
public abstract class ConflictException(string message) : Exception(message);
