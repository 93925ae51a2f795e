/**
 * The console's web side on the JDK's HTTP server: access control (token, cookie, CSRF, host check, security
 * headers), the JSON API the page calls, and the static page itself (plain HTML, CSS and JavaScript from the jar).
 */
package dev.docstore.console.web;
