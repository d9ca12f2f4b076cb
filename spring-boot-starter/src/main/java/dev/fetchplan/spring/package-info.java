/**
 * fetchplan's Spring Boot auto-configuration ({@link dev.fetchplan.spring.FetchplanAutoConfiguration}) and its
 * {@code fetchplan.*} properties ({@link dev.fetchplan.spring.FetchplanProperties}).
 */
package dev.fetchplan.spring;
