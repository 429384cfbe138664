import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql'
import type { AfterErrorHook } from 'payload'

import { withoutSuggestions } from '../../rules/limits.js'

const inProduction = (): boolean => process.env.NODE_ENV === 'production'

/**
 * A validation rule that takes graphql-js's spelling suggestions (`Did you mean "title"?`) out
 * of every validation error in production, where introspection is off and the suggestions
 * would give the schema away name by name. graphql 16 has no switch for it: the rule wraps the
 * context's error reporter, which every rule, built-in or not, reports through.
 */
export const hideSuggestionsRule: ValidationRule = (context: ValidationContext) => {
  if (inProduction()) {
    const report = context.reportError.bind(context)
    context.reportError = (error: GraphQLError) =>
      report(
        new GraphQLError(withoutSuggestions(error.message), {
          extensions: error.extensions,
          nodes: error.nodes,
          originalError: error.originalError,
        }),
      )
  }
  return {}
}

/** The same for errors raised while executing (variables coerced against enums and input types). */
export const hideSuggestionsAfterError: AfterErrorHook = ({ graphqlResult }) => {
  if (!inProduction() || !graphqlResult) return
  return { graphqlResult: { ...graphqlResult, message: withoutSuggestions(graphqlResult.message) } }
}
