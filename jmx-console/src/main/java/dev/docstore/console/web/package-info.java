/**
 * The console's web side on Jetty's core server: access control (token, cookie, CSRF, host check), the security
 * headers on every answer (Jetty's own included), limits on connections, idle clients and request bodies, the JSON
 * API the page calls (whose calls to the target run on a bounded pool of workers), the export download and import
 * upload streamed between the browser and the target, and the static page itself (plain HTML, CSS and JavaScript from
 * the jar).
 */
package dev.docstore.console.web;
