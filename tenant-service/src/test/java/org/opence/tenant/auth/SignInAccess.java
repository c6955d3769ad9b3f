package org.opence.tenant.auth;

import io.restassured.response.Response;

/** {@link SignIn} for tests in other packages. */
public final class SignInAccess {

    private SignInAccess() {}

    public static String superAdmin() {
        return SignIn.superAdmin();
    }

    /** Creates the user, finishes its first sign-in and returns its access token. */
    public static String user(String username, String role, String password) {
        return SignIn.user(username, role, password).getString("accessToken");
    }

    /** Creates the user, finishes its first sign-in and returns its tokens. */
    public static io.restassured.path.json.JsonPath userTokens(String username, String role, String password) {
        return SignIn.user(username, role, password);
    }

    public static Response login(String username, String password) {
        return SignIn.login(username, password);
    }
}
