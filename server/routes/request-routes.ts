import { caseFormsSchema, myCasesQuerySchema, runListSchema } from '#api-contract/cases';
import type { ApiServices } from '../api-services.ts';
import { caseForms } from '../cases/case-forms.ts';
import { myCases } from '../cases/my-cases.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';

const access = ['requester', 'admin'] as const;
const tag = 'Requests';

/** What a requester needs beside `POST /api/cases`: the forms to fill in and their own cases. */
export function requestRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/case-forms',
      tag,
      summary: 'One form per trigger of a live flow, from the flow’s declared inputs',
      access,
      success: { description: 'The forms', schema: caseFormsSchema },
      handle: async () => ({ items: await caseForms(services.flows) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/my-cases',
      tag,
      summary: 'The cases the caller submitted, in their scope, newest first, with their status',
      access,
      query: myCasesQuerySchema,
      success: { description: 'One page of the caller’s cases', schema: runListSchema },
      handle: ({ caller, query }) => myCases(services.database, caller, query),
    }),
  ];
}
