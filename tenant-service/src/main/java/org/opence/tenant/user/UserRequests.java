package org.opence.tenant.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of {@code /api/users}. */
public final class UserRequests {

    private UserRequests() {}

    /**
     * A new user. The password is temporary: the user must replace it at the first sign-in.
     *
     * @param role {@code admin} or {@code read-only} (there is one super-admin, {@code admin})
     */
    public record Create(
            @NotBlank(message = "is required")
            @Pattern(regexp = "[A-Za-z0-9._@-]{3,64}", message = "must be 3 to 64 letters, digits or . _ @ -")
            String username,

            @NotNull(message = "is required; allowed: admin, read-only")
            @Pattern(regexp = "admin|read-only", message = "must be admin or read-only")
            String role,

            @NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters")
            String password,

            Boolean enabled) {}

    /** Changes to a user; absent fields stay as they are. A new password is again temporary. */
    public record Update(
            @Pattern(regexp = "admin|read-only", message = "must be admin or read-only")
            String role,

            Boolean enabled,

            @Size(max = 1024, message = "must be at most 1024 characters")
            String password) {}
}
