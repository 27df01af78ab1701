/*
 * The one error edit operations throw. An edit that cannot be applied at all (the route is not
 * there, the op does not fit the route) is an EditError; an edit that applies but yields a value
 * istiod would refuse is left to validation, so the user sees every problem in one list.
 */
export type EditErrorCode =
  | 'route_not_found'
  | 'route_kind_mismatch'
  | 'incompatible_route'
  | 'invalid_edit'
  | 'subset_not_found'
  | 'destination_not_found';

export class EditError extends Error {
  constructor(
    readonly code: EditErrorCode,
    /** Path into the object, e.g. `spec.http[2]` (or `spec.http` when no route matched), `spec.subsets`. */
    readonly path: string,
    message: string,
    /** Position of the failing edit in an applyEdits list. */
    readonly editIndex?: number,
  ) {
    super(message);
    this.name = 'EditError';
  }

  withEditIndex(editIndex: number): EditError {
    return new EditError(this.code, this.path, `edit ${editIndex}: ${this.message}`, editIndex);
  }
}
