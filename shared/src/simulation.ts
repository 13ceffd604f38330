import Type from 'typebox'

/**
 * Local mode only: registrants come and go in a live webinar's call as if people were watching, so that reports,
 * attendance and the studio's viewer count can be seen working without an audience.
 */
export const SimulateAttendeesBody = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: 200, description: 'How many registrants join: approved ones first, then new ones made for it' }),
    overSeconds: Type.Optional(
      Type.Integer({ minimum: 10, maximum: 600, description: 'Over how long they arrive, step out and come back, or leave; 180 by default' }),
    ),
  },
  { additionalProperties: false, examples: [{ count: 25, overSeconds: 180 }] },
)
export type SimulateAttendeesBody = Type.Static<typeof SimulateAttendeesBody>

export const SimulatedAttendees = Type.Object(
  {
    count: Type.Integer({ minimum: 1, description: 'Registrants who will join: fewer than asked when the seats ran out' }),
    registered: Type.Integer({ minimum: 0, description: 'Of them, new registrations made for the simulation ("Simulated attendee N", at example.invalid)' }),
    overSeconds: Type.Integer({ description: 'The simulation is over this long after the answer' }),
  },
  { examples: [{ count: 25, registered: 20, overSeconds: 180 }] },
)
export type SimulatedAttendees = Type.Static<typeof SimulatedAttendees>
