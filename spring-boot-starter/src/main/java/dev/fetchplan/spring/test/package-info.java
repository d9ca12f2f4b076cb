/**
 * Spring test support: {@link dev.fetchplan.spring.test.FetchplanTest} makes the guard strict for a test class, and
 * {@link dev.fetchplan.spring.test.QueryScopeTestExecutionListener} gives every test method a guard scope.
 */
package dev.fetchplan.spring.test;
